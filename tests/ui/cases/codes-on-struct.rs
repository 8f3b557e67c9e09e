use errwire::ApiError;

#[derive(ApiError)]
#[api(status = 404, codes = "MissingCode")]
struct Missing;

fn main() {}
