use errwire::ApiError;

#[derive(ApiError)]
enum E {
    #[api(status = 200)]
    Fine,
}

fn main() {}
