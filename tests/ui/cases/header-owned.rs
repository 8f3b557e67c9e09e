use errwire::ApiError;

#[derive(ApiError)]
enum E {
    #[api(status = 429, header(name = "Retry-After", value = "30"))]
    Limited,
}

fn main() {}
