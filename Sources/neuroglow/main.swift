print("neuroglow")
