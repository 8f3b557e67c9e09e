use errwire::ApiError;

#[derive(ApiError)]
enum E {
    #[api(sttus = 409)]
    Conflict,
}

fn main() {}
