use errwire::ApiError;

#[derive(ApiError)]
enum E {
    #[api(status = 429)]
    RateLimited {
        #[api(retry_after)]
        first: u64,
        #[api(retry_after)]
        second: u64,
    },
}

fn main() {}
