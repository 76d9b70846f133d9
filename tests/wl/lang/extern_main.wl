Info("main")
EXTERN "inc/extern_part.inc"
Info(FromExtern(2))
Info(shared)
