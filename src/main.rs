//! The directory app (index.html).

fn main() {
    recovery_colleges::app::start(
        recovery_colleges::app::Site::Directory,
        recovery_colleges::english_of!("directory"),
        recovery_colleges::App,
    );
}
