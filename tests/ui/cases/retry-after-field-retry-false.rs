use errwire::ApiError;

#[derive(ApiError)]
enum E {
    #[api(status = 503, retry = false)]
    Unconfigured(#[api(retry_after)] u64),
}

fn main() {}
