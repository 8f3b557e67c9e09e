use errwire::ApiError;

#[derive(ApiError)]
enum E {
    #[api(status = 499)]
    ClientClosed,
}

fn main() {}
