use errwire::ApiError;

#[derive(ApiError)]
enum E {
    #[api(status = 400)]
    Invalid {
        #[api(detail(name = "x"))]
        field: String,
    },
}

fn main() {}
