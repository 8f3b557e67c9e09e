use errwire::ApiError;

#[derive(ApiError)]
enum E {
    #[api(status = 404, mcp = "rpc")]
    UnknownTool,
}

fn main() {}
