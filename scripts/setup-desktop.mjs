console.log("setup-desktop: placeholder during bootstrap")
