use errwire::ApiError;

#[derive(ApiError)]
enum E {
    #[api(status = "409")]
    Conflict,
}

fn main() {}
