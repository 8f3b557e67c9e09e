use errwire::ApiError;

#[derive(ApiError)]
enum E {
    #[api(status = 400, header(name = "Bad Name", value = "x"))]
    Invalid,
}

fn main() {}
