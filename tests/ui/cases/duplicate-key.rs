use errwire::ApiError;

#[derive(ApiError)]
enum E {
    #[api(status = 409, status = 410)]
    Conflict,
}

fn main() {}
