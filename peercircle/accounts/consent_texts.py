"""The consent documents PeerCircle ships with. An organization's operator publishes new
versions through the admin; a new version asks people to agree again."""

DOCUMENTS = [
    {
        "kind": "terms", "version": "1.0", "required": True,
        "title": "Terms of use", "title_es": "Condiciones de uso",
        "body": (
            "PeerCircle is peer support: people with lived experience supporting each other. "
            "It is not a crisis or emergency service and does not replace professional care.\n\n"
            "- Be kind and respectful. Keep what others share confidential.\n"
            "- Do not share anyone's personal details without their permission.\n"
            "- If you are in danger right now, call your local emergency number.\n\n"
            "Moderators may hide content or pause accounts that put others at risk; you will "
            "always be told why. You can leave at any time and delete your account."
        ),
        "body_es": (
            "PeerCircle es apoyo entre pares: personas con experiencia vivida que se apoyan. "
            "No es un servicio de crisis ni de emergencias y no sustituye la atención profesional.\n\n"
            "- Sé amable y respetuoso. Guarda la confidencialidad de lo que otros comparten.\n"
            "- No compartas datos personales de nadie sin su permiso.\n"
            "- Si estás en peligro ahora mismo, llama al número de emergencias local.\n\n"
            "Las personas moderadoras pueden ocultar contenido o pausar cuentas que pongan a otros "
            "en riesgo; siempre se te dirá por qué. Puedes irte cuando quieras y borrar tu cuenta."
        ),
    },
    {
        "kind": "privacy", "version": "1.0", "required": True,
        "title": "Privacy notice", "title_es": "Aviso de privacidad",
        "body": (
            "We keep only what is needed to connect you with peer support.\n\n"
            "- You choose who sees each part of your profile and each experience you record.\n"
            "- What you write about your experiences in your own words is encrypted and never shown to others.\n"
            "- Staff who look at confidential records are recorded in an audit log.\n"
            "- You can download everything we hold about you, and delete your account, at any time "
            "from *Privacy & data*."
        ),
        "body_es": (
            "Guardamos solo lo necesario para conectarte con apoyo entre pares.\n\n"
            "- Tú eliges quién ve cada parte de tu perfil y cada experiencia que registras.\n"
            "- Lo que escribes con tus palabras sobre tus experiencias se cifra y nunca se muestra a otros.\n"
            "- Cuando el personal consulta registros confidenciales, queda anotado en un registro de auditoría.\n"
            "- Puedes descargar todo lo que guardamos sobre ti y borrar tu cuenta cuando quieras, "
            "desde *Privacidad y datos*."
        ),
    },
    {
        "kind": "research", "version": "1.0", "required": False,
        "title": "Research use of de-identified answers",
        "title_es": "Uso de respuestas anonimizadas en investigación",
        "body": (
            "If you agree, your answers to check-ins may be shared with approved researchers after "
            "your name, contact details and anything that could identify you are removed. It helps "
            "show what peer support changes. Saying no changes nothing about the support you get, "
            "and you can withdraw at any time; later exports will leave your answers out."
        ),
        "body_es": (
            "Si aceptas, tus respuestas a los seguimientos podrán compartirse con equipos de "
            "investigación aprobados, sin tu nombre, tus datos de contacto ni nada que pueda "
            "identificarte. Ayuda a mostrar lo que cambia el apoyo entre pares. Decir que no no cambia "
            "en nada el apoyo que recibes, y puedes retirarlo cuando quieras."
        ),
    },
    {
        "kind": "referrer", "version": "1.0", "required": False,
        "title": "Sharing progress with the person who referred me",
        "title_es": "Compartir mi progreso con quien me derivó",
        "body": (
            "If a clinician or service referred you, you can let them see whether you started peer "
            "support and how it is going in general terms. They never see your messages or notes. "
            "You can withdraw this at any time."
        ),
        "body_es": (
            "Si un profesional o servicio te derivó, puedes permitir que vea si empezaste el apoyo "
            "entre pares y cómo va en términos generales. Nunca verá tus mensajes ni tus notas. "
            "Puedes retirarlo cuando quieras."
        ),
    },
]
