from streams.cli import run

run()
