use errwire::ApiError;

#[derive(ApiError)]
enum E {
    #[api(status = 404)]
    NotFound,
    Conflict,
}

fn main() {}
