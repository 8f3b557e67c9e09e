use errwire::ApiError;

#[derive(ApiError)]
enum E {
    #[api(status = 429, retry_after = -5)]
    RateLimited,
}

fn main() {}
