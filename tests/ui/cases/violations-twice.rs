use errwire::{ApiError, Violation};

#[derive(ApiError)]
enum E {
    #[api(status = 422)]
    Invalid {
        #[api(violations)]
        body: Vec<Violation>,
        #[api(violations)]
        query: Vec<Violation>,
    },
}

fn main() {}
