use errwire::ApiError;

#[derive(ApiError)]
enum E {
    #[api(status = 502, jsonrpc = -9999999999)]
    Upstream,
}

fn main() {}
