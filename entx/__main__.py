from entx.cli import main

main()
