// A toast only shows a message: it is printed
ToastDisplay("Message sent", 3)
ToastAffiche("Message envoyé")
