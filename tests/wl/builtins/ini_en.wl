// INI files
Info(INIRead("SMTP", "Server", "none", "app.ini"))
Info(INIWrite("SMTP", "Server", "smtp.example.com", "app.ini"))
Info(INIWrite("SMTP", "Port", 587, "app.ini"))
Info(INIWrite("Sender", "Address", "me@example.com", "app.ini"))
Info(INIRead("smtp", "server", "none", "app.ini"), Val(INIRead("SMTP", "Port", "25", "app.ini")) + 1)
Info(INIRead("SMTP", "Missing", "default", "app.ini"))
Info(Replace(INIRead("", "", "", "app.ini"), CR, ","))
Info(fLoadText("app.ini") = "[SMTP]" + LF + "Server=smtp.example.com" + LF + "Port=587" + LF + LF + "[Sender]" + LF + "Address=me@example.com" + LF)
