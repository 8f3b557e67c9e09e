use errwire::ApiError;

#[derive(ApiError)]
#[api(code = "conflict")]
struct Conflict;

fn main() {}
