"""Speed and memory benchmarks (not timed tests): `python -m benchmarks NAME` runs bench_NAME.py."""
