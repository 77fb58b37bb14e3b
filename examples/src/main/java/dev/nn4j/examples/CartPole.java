package dev.nn4j.examples;

/**
 * The cart-pole system of Barto, Sutton and Anderson (1983), "Neuronlike adaptive elements
 * that can solve difficult learning control problems", with their constants and Euler steps
 * of 0.02 s: a cart of 1 kg on a track, a pole of 0.1 kg and half-length 0.5 m hinged on it,
 * a push of ±10 N each step. The episode fails when the cart leaves ±2.4 m or the pole leans
 * more than 12° (0.2094 rad). Not thread-safe; cheap to create.
 */
final class CartPole {
    static final double GRAVITY = 9.8;
    static final double CART_MASS = 1.0;
    static final double POLE_MASS = 0.1;
    static final double TOTAL_MASS = CART_MASS + POLE_MASS;
    static final double HALF_LENGTH = 0.5;
    static final double POLE_MASS_LENGTH = POLE_MASS * HALF_LENGTH;
    static final double FORCE = 10.0;
    static final double TAU = 0.02;
    static final double X_LIMIT = 2.4;
    static final double ANGLE_LIMIT = 12 * Math.PI / 180;

    /** Cart position (m), cart velocity (m/s), pole angle from upright (rad), pole angular velocity (rad/s). */
    double x;
    double xDot;
    double theta;
    double thetaDot;

    /** A system at the given state. */
    CartPole(double x, double xDot, double theta, double thetaDot) {
        this.x = x;
        this.xDot = xDot;
        this.theta = theta;
        this.thetaDot = thetaDot;
    }

    /** One step of {@value #TAU} s with the cart pushed right ({@code right}) or left. */
    void step(boolean right) {
        double force = right ? FORCE : -FORCE;
        double cos = Math.cos(theta);
        double sin = Math.sin(theta);
        double temp = (force + POLE_MASS_LENGTH * thetaDot * thetaDot * sin) / TOTAL_MASS;
        double thetaAcc = (GRAVITY * sin - cos * temp)
                / (HALF_LENGTH * (4.0 / 3.0 - POLE_MASS * cos * cos / TOTAL_MASS));
        double xAcc = temp - POLE_MASS_LENGTH * thetaAcc * cos / TOTAL_MASS;
        x += TAU * xDot;
        xDot += TAU * xAcc;
        theta += TAU * thetaDot;
        thetaDot += TAU * thetaAcc;
    }

    /** True while the cart is on the track and the pole within 12° of upright. */
    boolean upright() {
        return Math.abs(x) <= X_LIMIT && Math.abs(theta) <= ANGLE_LIMIT;
    }

    /** The state scaled to roughly [-1, 1] for a network's four inputs. */
    double[] observation() {
        return new double[] {x / X_LIMIT, xDot / 2, theta / ANGLE_LIMIT, thetaDot / 2};
    }

    /** {@code {x, xDot, theta, thetaDot}}. */
    double[] state() {
        return new double[] {x, xDot, theta, thetaDot};
    }
}
