// exit: 2
EXTERN "nowhere.wl"
