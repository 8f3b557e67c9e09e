use errwire::ApiError;

#[derive(ApiError)]
#[api(status = 429)]
enum E {
    RateLimited,
    #[api(code = "rate_limited")]
    TooManyRequests,
}

fn main() {}
