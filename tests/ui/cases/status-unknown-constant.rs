use errwire::ApiError;

#[derive(ApiError)]
enum E {
    #[api(status = StatusCode::CONFLCT)]
    Conflict,
}

fn main() {}
