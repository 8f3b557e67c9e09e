use errwire::ApiError;

#[derive(ApiError)]
enum E {
    #[api(status = 409, code = "")]
    Conflict,
}

fn main() {}
