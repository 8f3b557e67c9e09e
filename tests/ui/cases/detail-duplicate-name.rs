use errwire::ApiError;

#[derive(ApiError)]
enum E {
    #[api(status = 400)]
    Invalid {
        #[api(detail = "field")]
        first: String,
        #[api(detail)]
        field: String,
    },
}

fn main() {}
