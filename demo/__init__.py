"""The Bắc Giang 2022 replay (`make demo`) and the synthetic producers and products it and the
benchmarks use. Not domain code: it drives the use cases as officers and schedules would."""
