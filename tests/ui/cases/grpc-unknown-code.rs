use errwire::ApiError;

#[derive(ApiError)]
enum E {
    #[api(status = 409, grpc = "ALREADY_EXIST")]
    Taken,
    #[api(status = 409, grpc = "already-exists")]
    TakenToo,
}

fn main() {}

#[derive(ApiError)]
enum F {
    #[api(status = 500, grpc = "BROKEN")]
    Broken,
}
