use errwire::ApiError;

#[derive(ApiError)]
#[api(grpc = "INTERNAL")]
enum E {
    #[api(status = 500)]
    Failed,
}

fn main() {}
