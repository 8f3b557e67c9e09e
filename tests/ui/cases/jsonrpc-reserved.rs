use errwire::ApiError;

#[derive(ApiError)]
enum E {
    #[api(status = 502, jsonrpc = -32500)]
    Upstream,
}

fn main() {}
