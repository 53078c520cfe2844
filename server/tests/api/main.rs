//! The server's tests, one binary: each feature's API through a real
//! server on a random loopback port with a fresh SQLite file (`helpers`),
//! and the real binary where a test needs a process (crash, shutdown, CLI).

mod helpers;

mod access;
mod accounts;
mod colleges;
mod course_links;
mod enquiries;
mod evidence;
mod languages;
mod openreferral;
mod operations;
mod pages;
mod privacy;
mod surveys;
mod web;
