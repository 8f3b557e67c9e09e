use errwire::{ApiError, Violation};

#[derive(ApiError)]
enum E {
    #[api(status = 422)]
    Invalid {
        #[api(violations, detail)]
        list: Vec<Violation>,
    },
}

fn main() {}
