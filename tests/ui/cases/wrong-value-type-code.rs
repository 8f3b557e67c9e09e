use errwire::ApiError;

#[derive(ApiError)]
enum E {
    #[api(status = 409, code = 5)]
    Conflict,
}

fn main() {}
