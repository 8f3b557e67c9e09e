use errwire::ApiError;

#[derive(ApiError)]
enum E {
    #[api(transparent, status = 502)]
    Upstream(Inner),
}

#[derive(ApiError)]
#[api(status = 500)]
struct Inner;

fn main() {}
