use errwire::ApiError;

#[derive(ApiError)]
enum E {
    /// Moved elsewhere.
    #[api(status = 308)]
    Moved,
}

fn main() {}
