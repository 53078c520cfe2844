//! The directory and its map (directory.html), served for `/colleges`.

fn main() {
    recovery_colleges::app::start(
        recovery_colleges::app::Site::Directory,
        recovery_colleges::english_of!("directory"),
        recovery_colleges::DirectoryApp,
    );
}
