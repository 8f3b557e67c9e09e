use errwire::ApiError;

#[derive(ApiError)]
enum E {
    #[api(status = 400)]
    Invalid {
        #[api(detail = "retry-after")]
        field: String,
    },
}

fn main() {}
