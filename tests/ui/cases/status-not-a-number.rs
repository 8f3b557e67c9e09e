use errwire::ApiError;

#[derive(ApiError)]
enum E {
    #[api(status = 70000)]
    Huge,
}

fn main() {}
