use errwire::ApiError;

#[derive(ApiError)]
enum E {
    #[api(status = 502, jsonrpc = "-32001")]
    Upstream,
}

fn main() {}
