use errwire::ApiError;

#[derive(ApiError)]
enum E {
    #[api(status = 409, report = "warning")]
    Conflict,
}

fn main() {}
