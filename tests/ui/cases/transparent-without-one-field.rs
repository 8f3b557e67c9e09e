use errwire::ApiError;

#[derive(ApiError)]
enum E {
    #[api(transparent)]
    Both(Inner, Inner),
}

#[derive(ApiError)]
#[api(status = 500)]
struct Inner;

fn main() {}
