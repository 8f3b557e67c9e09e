use errwire::ApiError;

#[derive(ApiError)]
enum E {
    #[api(status = 429, retry_after = 30)]
    RateLimited(#[api(retry_after)] u64),
}

fn main() {}
