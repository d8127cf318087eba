from kdlint.cli import main

main()
