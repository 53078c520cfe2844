//! The enquiry app (join.html), served for `/join/…`.

fn main() {
    recovery_colleges::app::start(
        recovery_colleges::app::Site::Join,
        recovery_colleges::english_of!("join"),
        recovery_colleges::app::JoinApp,
    );
}
