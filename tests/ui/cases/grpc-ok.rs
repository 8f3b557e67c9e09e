use errwire::ApiError;

#[derive(ApiError)]
enum E {
    #[api(status = 409, grpc = "OK")]
    Taken,
}

fn main() {}
