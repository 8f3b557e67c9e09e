use errwire::ApiError;

#[derive(ApiError)]
#[api(status = 400)]
enum E {
    Invalid {
        #[api(detial)]
        field: String,
    },
}

fn main() {}
