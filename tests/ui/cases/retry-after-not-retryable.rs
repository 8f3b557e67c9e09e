use errwire::ApiError;

#[derive(ApiError)]
enum E {
    #[api(status = 409, retry_after = 30)]
    Conflict,
}

fn main() {}
