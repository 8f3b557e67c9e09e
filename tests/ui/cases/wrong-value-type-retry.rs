use errwire::ApiError;

#[derive(ApiError)]
enum E {
    #[api(status = 503, retry = "yes")]
    Unavailable,
}

fn main() {}
