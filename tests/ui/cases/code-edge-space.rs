use errwire::ApiError;

#[derive(ApiError)]
enum E {
    #[api(status = 429, code = "Rate limit exceeded ")]
    RateLimited,
}

fn main() {}
